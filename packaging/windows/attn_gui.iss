; Inno Setup script: a per-user (or, if chosen, per-machine) installer for the one-folder
; app PyInstaller builds in dist\AttentionTrainer. The release workflow runs
;   ISCC.exe /DAppVersion=<attn_gui.__version__> packaging\windows\attn_gui.iss
; Relative paths are from this file's folder.

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=X.Y.Z attn_gui.iss
#endif
#define AppName "Attention Trainer"
#define AppExe "AttentionTrainer.exe"

[Setup]
; A fixed AppId lets a new version upgrade the old one in place.
AppId={{7C4C2E0B-5E0F-4B8E-9C1B-2F6E4A3D9A41}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; No administrator rights needed: analysts often have none.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=AttentionTrainer-{#AppVersion}-windows-setup
SetupIconFile=..\..\resources\icons\attn_gui.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\AttentionTrainer\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

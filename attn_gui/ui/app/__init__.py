"""The application shell: launch, the main window, its commands, settings, language, about, crash reports, demos and the self-test."""

"""The text colours that mark a message as an error or a warning, the same in every panel."""

ERROR = "#c62828"
WARN = "#b26a00"

; Inno Setup script of CX Studio for Windows - UNTESTED: written on Linux, never compiled or run here.
; Build: on Windows, `pip install -e ".[package]"`, then
;   pyinstaller --noconfirm --distpath build\windows\dist --workpath build\windows\work installer\windows\cxstudio-windows.spec
;   iscc installer\windows\cxstudio.iss
; Still to make on Windows: installer\windows\cxstudio.ico from cxstudio/resources/icons/cxstudio.svg.
; It installs per user (no admin rights), registers .cxstudio with CX Studio and adds a Start menu entry.

#define AppName "CX Studio"
#define AppExe "cxstudio.exe"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6C8E3B52-5E0B-4D1C-9F3C-43585354CAFE}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=CX Studio
DefaultDirName={autopf}\CX Studio
DefaultGroupName=CX Studio
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\build\windows
OutputBaseFilename=cxstudio-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
ChangesAssociations=yes
WizardStyle=modern
UninstallDisplayIcon={app}\{#AppExe}

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "de"; MessagesFile: "compiler:Languages\German.isl"

[Files]
Source: "..\..\build\windows\dist\cxstudio\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Registry]
; the file type: .cxstudio -> CXStudio.Project -> "cxstudio.exe" "%1"
Root: HKA; Subkey: "Software\Classes\.cxstudio"; ValueType: string; ValueName: ""; ValueData: "CXStudio.Project"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.cxstudio"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-cxstudio"
Root: HKA; Subkey: "Software\Classes\CXStudio.Project"; ValueType: string; ValueName: ""; ValueData: "CX Studio project"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\CXStudio.Project\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\CXStudio.Project\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".cxstudio"; ValueData: ""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; Inno Setup script for FieldApp on Windows (Inno Setup 6).
;
; Build on Windows after `pyinstaller build.spec` has made dist\FieldApp\:
;   iscc /DAppVersion=0.1.0 packaging\windows\fieldapp.iss
; Output: dist\FieldApp-0.1.0-windows-x64-setup.exe. See docs/packaging.md.
;
; Installs per user by default (no admin rights on most field laptops; a USB-stick install
; must just work), per machine when run elevated. Upgrades install over the previous version
; under the same AppId; the agents' data is NOT in {app}: it lives in the user's data dir
; (%LOCALAPPDATA%\FieldApp), which neither an upgrade nor an uninstall touches.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z packaging\windows\fieldapp.iss
#endif
#define AppName "FieldApp"
#define AppExe "FieldApp.exe"
#define SourceDir "..\..\dist\FieldApp"

[Setup]
; One AppId for every release: it is what makes a new setup an upgrade. Never change it.
AppId={{6F1C9E62-3B5A-4C1E-9A0F-2D4B7E8C5A31}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=FieldApp project
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-windows-x64-setup
SetupIconFile=..\icons\fieldapp.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; An open FieldApp is closed (it saves on close) before its files are replaced.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "french"; MessagesFile: "compiler:Languages\French.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"
; Arabic: Inno Setup ships it as an unofficial translation; add Arabic.isl to the compiler's
; Languages folder and uncomment (the app itself is translated either way).
; Name: "arabic"; MessagesFile: "compiler:Languages\Unofficial\Arabic.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; The previous release's files go first: a module or Qt plugin that a new version no longer
; ships must not linger next to the new ones and be loaded by mistake.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
; The self-test proves the installed copy works on this laptop before an agent relies on it;
; its report goes to %LOCALAPPDATA%\FieldApp\Logs\self-test.txt (a windowed program has no
; console). IT staff can run it again at any time: "fieldapp-cli.exe --self-test".
Filename: "{app}\{#AppExe}"; Parameters: "--self-test"; StatusMsg: "Vérification de l'installation…"; Flags: runhidden waituntilterminated
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the installer put in {app}; survey data in the user's data dir stays.
Type: filesandordirs; Name: "{app}\_internal"

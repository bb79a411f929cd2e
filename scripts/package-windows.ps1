# Builds the Windows installers of 督查督办台账 (.msi and NSIS .exe) on a
# Windows 10/11 machine. Not run here (the project's machines are Linux):
# run it from a clone in PowerShell:
#
#   powershell -ExecutionPolicy Bypass -File scripts\package-windows.ps1
#
# Needs: Rust (rustup, the MSVC toolchain and the Visual Studio C++ Build
# Tools), Node.js 20.19+, and WebView2 (part of Windows 11; on Windows 10 the
# installer embeds the WebView2 bootstrapper). Tauri's bundler downloads WiX
# and NSIS on first use: on an offline machine put them in
# %LOCALAPPDATA%\tauri\WixTools314 and %LOCALAPPDATA%\tauri\NSIS first.
# The installers land in target\release\bundle\msi and ...\bundle\nsis.
$ErrorActionPreference = "Stop"
$root = Split-Path -Parent $PSScriptRoot
Set-Location $root

Push-Location ui
npm ci --no-audit --no-fund
npm run build
Pop-Location

# The Tauri configuration is at the repository root; the app crate is
# src-tauri (duban-desktop). Bundling is switched on only here.
$config = '{"bundle":{"active":true,"targets":["msi","nsis"],"windows":{"webviewInstallMode":{"type":"embedBootstrapper"}}}}'
Push-Location src-tauri
npx --prefix ..\ui tauri build --config ..\tauri.conf.json --config $config
Pop-Location
cargo build --release -p duban --bin duban
Write-Host "Installers: target\release\bundle\msi, target\release\bundle\nsis; command line: target\release\duban.exe"

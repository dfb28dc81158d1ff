# fetch-log.ps1 version 1 (trustlift guest-convert): one chunk of MBR2GPT's setupact.log or setuperr.log in %windir%
# Base64 keeps the bytes exact; 2,400 bytes are 3,200 characters, inside Run Command's 4,096-byte output window.
param([ValidateSet('setupact.log', 'setuperr.log')][string]$File = 'setupact.log', [ValidateRange(0, 2147483647)][long]$Offset = 0, [ValidateRange(1, 2400)][int]$Count = 2400)
$ErrorActionPreference = 'Stop'
$bytes = [System.IO.File]::ReadAllBytes((Join-Path $env:windir $File))
Write-Output '== Length =='
$bytes.Length
Write-Output '== Offset =='
$Offset
Write-Output '== Base64 =='
if ($Offset -lt $bytes.Length) { [Convert]::ToBase64String($bytes, $Offset, [Math]::Min($Count, $bytes.Length - $Offset)) }

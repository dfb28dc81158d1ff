# mbr2gpt-validate.ps1 version 1 (trustlift guest-validate): MBR2GPT /validate on the OS disk, always named by number
param([Parameter(Mandatory = $true)][ValidateRange(0, 999)][int]$DiskNumber)
$ErrorActionPreference = 'Stop'
$disk = Get-Disk -Number $DiskNumber
if (-not $disk.IsBoot) { throw 'Get-Disk says this disk does not hold the running Windows (IsBoot is false); MBR2GPT was not run' }
Write-Output '== MBR2GPT.exe /validate =='
MBR2GPT.exe /validate "/disk:$DiskNumber" /allowFullOS
Write-Output '== $LASTEXITCODE =='
$LASTEXITCODE

# mbr2gpt-convert.ps1 version 1 (trustlift guest-convert): MBR2GPT /convert on the OS disk, always named by number
param([Parameter(Mandatory = $true)][ValidateRange(0, 999)][int]$DiskNumber)
$ErrorActionPreference = 'Stop'
$disk = Get-Disk -Number $DiskNumber
if (-not $disk.IsBoot) { throw 'Get-Disk says this disk does not hold the running Windows (IsBoot is false); MBR2GPT was not run' }
Write-Output '== MBR2GPT.exe /convert =='
MBR2GPT.exe /convert "/disk:$DiskNumber" /allowFullOS
Write-Output '== $LASTEXITCODE =='
$LASTEXITCODE

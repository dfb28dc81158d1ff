# drive-letter-fix.ps1 version 2 (trustlift post-fixes): System Reserved took D: after MBR2GPT; give D: back to the temporary disk
# One phase per run, each safe to run again: (1) the page file moves to C: (reboot), (2) the OS disk's partition gives up
# D: (reboot), (3) the temporary disk takes D:. The sections before and after say which phase ran.
# Mode detect (the default) only reports: whether System Reserved took D: is known only in the guest, after the conversion.
param([Parameter(Mandatory = $true)][ValidateRange(0, 999)][int]$DiskNumber, [ValidateSet('detect', 'fix')][string]$Mode = 'detect')
$ErrorActionPreference = 'Stop'
Write-Output '== Get-Partition -DriveLetter D (before) =='
Get-Partition -DriveLetter D -ErrorAction SilentlyContinue | Select-Object DiskNumber, PartitionNumber, Size | ConvertTo-Json -Compress
Write-Output '== Win32_PageFileSetting (before) =='
Get-CimInstance -ClassName Win32_PageFileSetting | Select-Object Name | ConvertTo-Json -Compress
$d = Get-Partition -DriveLetter D -ErrorAction SilentlyContinue
$pageOnD = @(Get-CimInstance -ClassName Win32_PageFileSetting | Where-Object Name -like 'D:*').Count -gt 0
if ($Mode -eq 'detect') {
  # report only: the sections below show the state as it is
} elseif ($d -and $d.DiskNumber -eq $DiskNumber -and $pageOnD) {
  Get-CimInstance -ClassName Win32_PageFileSetting | Where-Object Name -like 'D:*' | Remove-CimInstance
  New-CimInstance -ClassName Win32_PageFileSetting -Property @{ Name = 'C:\pagefile.sys'; InitialSize = [uint32]0; MaximumSize = [uint32]0 } | Out-Null
} elseif ($d -and $d.DiskNumber -eq $DiskNumber) {
  Remove-PartitionAccessPath -DiskNumber $DiskNumber -PartitionNumber $d.PartitionNumber -AccessPath 'D:\'
} elseif (-not $d) {
  $t = Get-Volume -FileSystemLabel 'Temporary Storage' -ErrorAction SilentlyContinue
  if ($t) { Get-Partition -Volume $t | Set-Partition -NewDriveLetter D }
}
Write-Output '== Get-Partition -DriveLetter D =='
Get-Partition -DriveLetter D -ErrorAction SilentlyContinue | Select-Object DiskNumber, PartitionNumber, Size | ConvertTo-Json -Compress
Write-Output '== Win32_PageFileSetting =='
Get-CimInstance -ClassName Win32_PageFileSetting | Select-Object Name | ConvertTo-Json -Compress
Write-Output '== Get-Volume Temporary Storage =='
Get-Volume -FileSystemLabel 'Temporary Storage' -ErrorAction SilentlyContinue | Select-Object DriveLetter, FileSystemLabel | ConvertTo-Json -Compress

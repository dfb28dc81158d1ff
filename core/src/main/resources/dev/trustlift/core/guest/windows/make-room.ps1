# make-room.ps1 version 1 (trustlift guest-convert): shrink C: by ShrinkMb MiB when Windows allows it (defragmenting first with Mode defrag)
# The Virtual Disk (vds) and Optimize Drives (defragsvc) services must not be Disabled: shrinking needs both.
param([ValidateSet('shrink', 'defrag')][string]$Mode = 'shrink', [Parameter(Mandatory = $true)][ValidateRange(1, 1048576)][int]$ShrinkMb)
$ErrorActionPreference = 'Stop'
Write-Output '== Get-Service vds, defragsvc =='
Get-Service -Name vds, defragsvc | Select-Object Name, Status, StartType | ConvertTo-Json -Compress
Get-Service -Name vds, defragsvc | Where-Object StartType -eq 'Disabled' | Set-Service -StartupType Manual
Write-Output '== Get-Service vds, defragsvc (after) =='
Get-Service -Name vds, defragsvc | Select-Object Name, Status, StartType | ConvertTo-Json -Compress
if ($Mode -eq 'defrag') {
  Write-Output '== Optimize-Volume -DriveLetter C -Defrag =='
  Optimize-Volume -DriveLetter C -Defrag
}
Write-Output '== Get-PartitionSupportedSize -DriveLetter C =='
Get-PartitionSupportedSize -DriveLetter C | Select-Object SizeMin, SizeMax | ConvertTo-Json -Compress
Write-Output '== Get-Partition -DriveLetter C (before) =='
Get-Partition -DriveLetter C | Select-Object DiskNumber, PartitionNumber, Offset, Size | ConvertTo-Json -Compress
$c = Get-Partition -DriveLetter C
$min = (Get-PartitionSupportedSize -DriveLetter C).SizeMin
$target = $c.Size - [long]$ShrinkMb * 1MB
if ($target -ge $min) {
  Resize-Partition -DriveLetter C -Size $target
}
Write-Output '== Get-Partition -DriveLetter C (after) =='
Get-Partition -DriveLetter C | Select-Object DiskNumber, PartitionNumber, Offset, Size | ConvertTo-Json -Compress

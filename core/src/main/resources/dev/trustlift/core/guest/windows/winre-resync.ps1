# winre-resync.ps1 version 1 (trustlift post-fixes): WinRE resync after MBR2GPT's "Failed to update ReAgent.xml"
# Idempotent: reagentc /disable and /enable run only while WinRE is disabled or ReAgent.xml names another BCD entry.
$ErrorActionPreference = 'Stop'
$xmlPath = Join-Path $env:windir 'System32\Recovery\ReAgent.xml'
Write-Output '== reagentc /info (before) =='
$info = reagentc /info | Out-String
$info
Write-Output '== ReAgent.xml WinreBCD id (before) =='
$xmlId = ([xml](Get-Content -Raw -LiteralPath $xmlPath)).WindowsRE.WinreBCD.id
$xmlId
$inSync = ($info -match 'Windows RE status:\s+Enabled') -and $xmlId -and ($info -match [regex]::Escape($xmlId.Trim('{}')))
if (-not $inSync) {
  Write-Output '== reagentc /disable =='
  reagentc /disable
  Write-Output '== reagentc /enable =='
  reagentc /enable
}
Write-Output '== reagentc /info =='
reagentc /info
Write-Output '== ReAgent.xml WinreBCD id =='
([xml](Get-Content -Raw -LiteralPath $xmlPath)).WindowsRE.WinreBCD.id

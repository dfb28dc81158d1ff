# verify-guest.ps1 version 1 (trustlift verify-guest): firmware, Secure Boot, TPM, the 2023 Secure Boot certificates, the boot manager's signer
# Each check prints its own answer or the error it raised, so one failing check does not hide the others.
$ErrorActionPreference = 'Stop'
Write-Output '== $env:firmware_type =='
$env:firmware_type
Write-Output '== Confirm-SecureBootUEFI =='
try { Confirm-SecureBootUEFI } catch { Write-Output $_.Exception.Message }
Write-Output '== Get-Tpm =='
try { Get-Tpm | Select-Object TpmPresent, TpmReady | ConvertTo-Json -Compress } catch { Write-Output $_.Exception.Message }
Write-Output '== Win32_Tpm SpecVersion =='
try { Get-CimInstance -Namespace root/cimv2/Security/MicrosoftTpm -ClassName Win32_Tpm | Select-Object SpecVersion | ConvertTo-Json -Compress } catch { Write-Output $_.Exception.Message }
Write-Output '== db has Windows UEFI CA 2023 =='
try { [System.Text.Encoding]::ASCII.GetString((Get-SecureBootUEFI db).bytes) -match 'Windows UEFI CA 2023' } catch { Write-Output $_.Exception.Message }
Write-Output '== bootmgfw.efi signature =='
try { mountvol S: /S; Get-AuthenticodeSignature -FilePath S:\EFI\Microsoft\Boot\bootmgfw.efi | Select-Object Status, StatusMessage | ConvertTo-Json -Compress } catch { Write-Output $_.Exception.Message }
Write-Output '== bootmgfw.efi signer =='
try { (Get-AuthenticodeSignature -FilePath S:\EFI\Microsoft\Boot\bootmgfw.efi).SignerCertificate | Select-Object Subject, Issuer | ConvertTo-Json -Compress } catch { Write-Output $_.Exception.Message } finally { mountvol S: /D }

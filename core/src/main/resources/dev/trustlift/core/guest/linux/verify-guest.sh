# verify-guest.sh version 1 (trustlift verify-guest): firmware, Secure Boot, TPM, the 2023 Secure Boot certificates in db
# sysfs is read under SYSFS_ROOT (default /sys), so the script can be tested against a copy of the tree.
export LC_ALL=C
sys=${SYSFS_ROOT:-/sys}
echo '== firmware =='
if [ -d "$sys/firmware/efi" ]; then echo UEFI; else echo BIOS; fi
echo '== mokutil --sb-state =='
mokutil --sb-state 2>&1
echo '== tpm_version_major =='
cat "$sys/class/tpm/tpm0/tpm_version_major" 2>&1
echo '== mokutil --db Subject =='
mokutil --db 2>&1 | grep -E 'Subject:|EFI variables|not supported|command not found'
exit 0

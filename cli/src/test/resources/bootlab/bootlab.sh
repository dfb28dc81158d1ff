#!/usr/bin/env bash
# Boot lab for trustlift's MBR-to-GPT conversion: real firmware, no loop devices, no mounts.
#
# Builds a small BIOS-bootable MBR disk (FAT32 p1 with syslinux, Debian's kernel and a busybox
# initramfs whose /init reports firmware, Secure Boot and TPM, then powers off) and boots it under
# SeaBIOS. After a converter has turned the disk into GPT with an EFI system partition, it copies
# the signed boot chain (shim -> GRUB -> kernel, all from Debian's packages) into that ESP and
# boots the disk under OVMF with Secure Boot and a software TPM 2.0.
#
# Usage: bootlab.sh WORKDIR STEP...
#   payload       download the signed packages (apt-get download, never installed) into the cache
#   initrd        build the busybox initramfs
#   mbr           build WORKDIR/disk.img (MBR, p1 FAT32 active, free tail for the ESP)
#   boot-bios     boot it under SeaBIOS; expects BOOT-OK-BIOS
#   convert       trustlift disk convert --os linux (the launcher in $TRUSTLIFT, default: trustlift on PATH)
#   stand-in      convert with sgdisk + mkfs.vfat instead (proves the lab without trustlift)
#   esp           copy shim, GRUB and grub.cfg into the partition of type EF00
#   boot-sb-tpm   boot under OVMF + Secure Boot + swtpm; expects BOOT-OK-UEFI
#   no-boot-sb    the same firmware on the disk as it is; expects OVMF to find nothing to boot
#                 (run before converting: the control that shows the conversion is what matters)
# Environment: BOOTLAB_CACHE (default /var/cache/trustlift-bootlab), QEMU_TIMEOUT (default 300 s),
# TRUSTLIFT. The JUnit test FirmwareBootTest runs the same steps with trustlift in-process.
# Each boot writes WORKDIR/logs/NAME.log and prints "bootlab: NAME seconds=S marker=..." lines.
set -euo pipefail

[ $# -ge 2 ] || { echo "usage: bootlab.sh WORKDIR STEP..." >&2; exit 2; }
work=$(mkdir -p "$1" && cd "$1" && pwd); shift
cache=${BOOTLAB_CACHE:-/var/cache/trustlift-bootlab}
qemu_timeout=${QEMU_TIMEOUT:-300}
image=$work/disk.img
disk_mib=448          # whole disk; sparse
boot_mib=128          # p1 at 1 MiB; the tail (about 319 MiB) stays free for the converter's ESP
export MTOOLS_SKIP_CHECK=1
mkdir -p "$work/logs"

log() { echo "bootlab: $*"; }

kernel_version() {
  local k; k=$(ls "$cache"/x/boot/vmlinuz-* 2>/dev/null | head -1)
  [ -n "$k" ] || { echo "bootlab: no kernel in $cache/x/boot: run the payload step" >&2; exit 1; }
  echo "${k##*/vmlinuz-}"
}

payload() {
  mkdir -p "$cache/debs" "$cache/x"
  # Several builds may share the cache: one downloads, the others wait for it.
  exec 9>"$cache/.lock"
  flock 9
  if [ -e "$cache/x/.complete" ]; then log "payload cached in $cache"; flock -u 9; return; fi
  local kpkg
  kpkg=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/ && !f {print $2; f=1}')
  [ -n "$kpkg" ] || { echo "bootlab: apt-cache knows no linux-image-amd64: run apt-get update" >&2; exit 1; }
  (cd "$cache/debs" && apt-get download -q "$kpkg" grub-efi-amd64-signed shim-signed shim-helpers-amd64-signed)
  local d
  for d in "$cache"/debs/{grub-efi-amd64-signed,shim-signed,shim-helpers-amd64-signed}_*.deb; do
    dpkg-deb -x "$d" "$cache/x"
  done
  # The kernel package unpacks to 400 MB: take only the kernel and the efivarfs module.
  dpkg-deb --fsys-tarfile "$cache"/debs/"$kpkg"_*.deb | tar -x -C "$cache/x" --wildcards \
    './boot/vmlinuz-*' './lib/modules/*/kernel/fs/efivarfs/efivarfs.ko'
  touch "$cache/x/.complete"
  flock -u 9
  log "payload ready in $cache ($(du -sh "$cache" | cut -f1))"
}

initrd() {
  local kv root=$work/initrd-root; kv=$(kernel_version)
  rm -rf "$root"; mkdir -p "$root"/{bin,dev,proc,sys,lib/modules}
  cp /bin/busybox "$root/bin/"
  cp "$cache/x/lib/modules/$kv/kernel/fs/efivarfs/efivarfs.ko" "$root/lib/modules/"   # =m in Debian
  cat > "$root/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc; mount -t sysfs sysfs /sys; mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t securityfs securityfs /sys/kernel/security 2>/dev/null
if [ -d /sys/firmware/efi ]; then fw=UEFI; else fw=BIOS; fi
sb=n/a
if [ $fw = UEFI ]; then
  insmod /lib/modules/efivarfs.ko 2>/dev/null
  mount -t efivarfs efivarfs /sys/firmware/efi/efivars 2>/dev/null
  v=/sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c
  [ -e $v ] && sb=$(od -An -t u1 $v | awk '{print $5}')
fi
tpm=none
[ -e /sys/class/tpm/tpm0 ] && tpm="$(cat /sys/class/tpm/tpm0/tpm_version_major 2>/dev/null).0"
echo "BOOTLAB-FACTS firmware=$fw SecureBoot=$sb TPM=$tpm lockdown=[$(cat /sys/kernel/security/lockdown 2>/dev/null)]"
echo "BOOT-OK-$fw"
sync; poweroff -f
INIT
  chmod +x "$root/init"
  (cd "$root" && find . | busybox cpio -o -H newc -R 0:0 2>/dev/null | gzip -9) > "$work/initrd.img"
}

mbr() {
  local kv p1=$image@@$((2048 * 512)); kv=$(kernel_version)
  rm -f "$image"; truncate -s ${disk_mib}M "$image"
  printf 'label: dos\nstart=2048, size=%d, type=c, bootable\n' $((boot_mib * 2048)) | sfdisk -q "$image"
  mkfs.vfat -F 32 -s 1 -n BOOTLAB -h 2048 --offset 2048 "$image" $((boot_mib * 1024)) >/dev/null
  mmd -i "$p1" ::/syslinux
  mcopy -i "$p1" "$cache/x/boot/vmlinuz-$kv" ::/vmlinuz
  mcopy -i "$p1" "$work/initrd.img" ::/initrd.img
  printf 'SERIAL 0 115200\nDEFAULT linux\nPROMPT 0\nTIMEOUT 0\nLABEL linux\n  LINUX /vmlinuz\n  INITRD /initrd.img\n  APPEND console=ttyS0,115200 panic=-1\n' \
    > "$work/syslinux.cfg"
  mcopy -i "$p1" "$work/syslinux.cfg" ::/syslinux/syslinux.cfg
  # syslinux's installer goes through mtools, so it works on a plain file at an offset.
  syslinux --install --offset $((2048 * 512)) --directory /syslinux "$image"
  dd if=/usr/lib/SYSLINUX/mbr.bin of="$image" bs=440 count=1 conv=notrunc status=none
  log "mbr image $image: $(sfdisk -d "$image" | grep -c '^/') partition(s), ${disk_mib} MiB"
}

# boot NAME QEMU-ARGS...: serial console to logs/NAME.log; succeeds only when the BOOT-OK marker shows.
boot() {
  local name=$1; shift
  local out=$work/logs/$name.log t0 rc marker
  t0=${EPOCHREALTIME/./}
  set +e
  timeout "$qemu_timeout" qemu-system-x86_64 -accel tcg -m 512 -smp 1 -net none -nographic \
    -monitor none -serial stdio -no-reboot "$@" </dev/null >"$out" 2>"$work/logs/$name.err"
  rc=$?
  set -e
  marker=$(grep -a -o -m1 'BOOT-OK-[A-Z]*' "$out" || true)
  local ms=$(( (${EPOCHREALTIME/./} - t0) / 1000 ))
  log "$name seconds=$((ms / 1000)).$((ms % 1000 / 100)) qemu_rc=$rc marker=${marker:-none}"
  grep -a 'BOOTLAB-FACTS' "$out" | tr -d '\r' | sed 's/^/bootlab:   /' || true
  [ -n "$marker" ]
}

boot_bios() { boot bios -machine pc -drive file="$image",format=raw,if=ide; }

convert() {
  "${TRUSTLIFT:-trustlift}" disk convert "$image" --os linux
}

stand_in() {
  # not -q: with -q, sgdisk 1.0.9 exits 0 and saves nothing
  sgdisk -g "$image" >/dev/null
  sgdisk -n 0:0:+64M -t 0:ef00 -c 0:ESP "$image" >/dev/null
  local first; first=$(esp_field start)
  [ -n "$first" ] || { echo "bootlab: sgdisk made no ESP on $image" >&2; exit 1; }
  mkfs.vfat -F 32 -s 1 -n ESP --offset "$first" "$image" $((64 * 1024)) >/dev/null
  log "stand-in conversion done (sgdisk)"
}

# esp_field start|size: of the partition whose type is the EFI system partition GUID.
esp_field() {
  sfdisk -J "$image" | tr -d ' \n' | grep -o '{[^{}]*C12A7328-F81F-11D2-BA4B-00A0C93EC93B[^{}]*}' \
    | head -1 | grep -o "\"$1\":[0-9]*" | cut -d: -f2 || true
}

esp() {
  local first; first=$(esp_field start)
  [ -n "$first" ] || { echo "bootlab: $image has no EFI system partition" >&2; exit 1; }
  local e=$image@@$((first * 512)) x=$cache/x
  mmd -i "$e" ::/EFI 2>/dev/null || true
  mmd -i "$e" ::/EFI/BOOT ::/EFI/debian
  mcopy -o -i "$e" "$x/usr/lib/shim/shimx64.efi.signed" ::/EFI/BOOT/BOOTX64.EFI
  mcopy -o -i "$e" "$x/usr/lib/shim/mmx64.efi.signed" ::/EFI/BOOT/mmx64.efi
  mcopy -o -i "$e" "$x/usr/lib/grub/x86_64-efi-signed/grubx64.efi.signed" ::/EFI/BOOT/grubx64.efi
  # Debian's signed GRUB looks for /EFI/debian/grub.cfg; the kernel stays on p1 (label BOOTLAB).
  cat > "$work/grub.cfg" <<'CFG'
set timeout=0
serial --unit=0 --speed=115200
terminal_input serial
terminal_output serial
search --no-floppy --label BOOTLAB --set=root
linux /vmlinuz console=ttyS0,115200 panic=-1
initrd /initrd.img
boot
CFG
  mcopy -o -i "$e" "$work/grub.cfg" ::/EFI/debian/grub.cfg
  mcopy -o -i "$e" "$work/grub.cfg" ::/EFI/BOOT/grub.cfg
  log "signed boot chain copied into the ESP at sector $first"
}

secure_boot=()
# Fresh OVMF variables with Microsoft's keys enrolled (Secure Boot on), q35 with SMM, the disk on IDE.
use_secure_boot() {
  cp /usr/share/OVMF/OVMF_VARS_4M.ms.fd "$work/vars.fd"
  secure_boot=(-machine q35,smm=on -global driver=cfi.pflash01,property=secure,value=on
    -global ICH9-LPC.disable_s3=1
    -drive if=pflash,format=raw,unit=0,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.secboot.fd
    -drive if=pflash,format=raw,unit=1,file="$work/vars.fd" -drive file="$image",format=raw,if=ide)
}

# OVMF waits for a key after "No bootable option", so the boot is watched and stopped there.
no_boot_sb() {
  local out=$work/logs/no-boot-sb.log t0=${EPOCHREALTIME/./} qemu_pid verdict=timeout
  use_secure_boot
  qemu-system-x86_64 -accel tcg -m 512 -smp 1 -net none -nographic -monitor none -serial stdio \
    -no-reboot "${secure_boot[@]}" </dev/null >"$out" 2>"$work/logs/no-boot-sb.err" &
  qemu_pid=$!
  for _ in $(seq $((qemu_timeout * 2))); do
    if grep -aq 'BOOT-OK-' "$out"; then verdict=booted; break; fi
    if grep -aq 'No bootable option or device was found' "$out"; then verdict=nothing-to-boot; break; fi
    kill -0 "$qemu_pid" 2>/dev/null || { verdict=qemu-exited; break; }
    sleep 0.5
  done
  kill "$qemu_pid" 2>/dev/null || true
  wait "$qemu_pid" 2>/dev/null || true
  local ms=$(( (${EPOCHREALTIME/./} - t0) / 1000 ))
  log "no-boot-sb seconds=$((ms / 1000)).$((ms % 1000 / 100)) verdict=$verdict"
  grep -a 'HARDDISK' "$out" | tr -d '\r' | sed 's/\x1b\[[0-9;]*[A-Za-z]//g; s/^/bootlab:   /' || true
  [ "$verdict" = nothing-to-boot ]
}

boot_sb_tpm() {
  local tpm=$work/tpm swtpm_pid status=0
  rm -rf "$tpm"; mkdir -p "$tpm"
  swtpm_setup --tpm2 --tpmstate "$tpm" --create-ek-cert --create-platform-cert --lock-nvram \
    --overwrite >"$work/logs/swtpm_setup.log" 2>&1
  swtpm socket --tpm2 --tpmstate dir="$tpm" --ctrl type=unixio,path="$tpm/sock" \
    --log file="$work/logs/swtpm.log",level=1 &
  swtpm_pid=$!
  for _ in $(seq 100); do [ -S "$tpm/sock" ] && break; sleep 0.1; done
  use_secure_boot
  boot uefi-sb-tpm "${secure_boot[@]}" \
    -chardev socket,id=chrtpm,path="$tpm/sock" -tpmdev emulator,id=tpm0,chardev=chrtpm \
    -device tpm-tis,tpmdev=tpm0 || status=1
  kill "$swtpm_pid" 2>/dev/null || true   # only the swtpm started here; it usually exits with qemu
  wait "$swtpm_pid" 2>/dev/null || true
  return $status
}

for step in "$@"; do
  case $step in
    payload) payload ;; initrd) initrd ;; mbr) mbr ;; boot-bios) boot_bios ;;
    convert) convert ;; stand-in) stand_in ;; esp) esp ;; boot-sb-tpm) boot_sb_tpm ;; no-boot-sb) no_boot_sb ;;
    *) echo "bootlab: unknown step $step" >&2; exit 2 ;;
  esac
done

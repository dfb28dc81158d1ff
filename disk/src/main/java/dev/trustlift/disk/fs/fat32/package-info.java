/**
 * FAT32 for the EFI system partition: on-disk records ({@link dev.trustlift.disk.fs.fat32.Fat32BootSector},
 * {@link dev.trustlift.disk.fs.fat32.FsInfo}, {@link dev.trustlift.disk.fs.fat32.DirectoryEntry}),
 * the layout rule ({@link dev.trustlift.disk.fs.fat32.Fat32Geometry}) and the formatter, which writes
 * metadata only (reserved area, both FATs, the root directory cluster) and never the data area.
 * Checked against dosfstools (fsck.vfat, mkfs.vfat), blkid and mtools.
 */
package dev.trustlift.disk.fs.fat32;

/**
 * Image containers: how a file holds a virtual disk. {@link dev.trustlift.disk.container.DiskImages}
 * opens raw files, fixed VHDs and dynamic VHDs by their own bytes, and creates new ones.
 *
 * <p>Decisions worth knowing:
 * <ul>
 *   <li>The virtual size of a VHD is the footer's current size, as Azure reads it. Readers such
 *       as qemu use the CHS geometry instead for creator applications "vpc " and "qemu", so every
 *       footer trustlift writes names creator "win " (as Hyper-V does), which makes them use the
 *       current size too.</li>
 *   <li>Opening and reading never write; damaged metadata is refused with one line before any
 *       data is touched.</li>
 *   <li>Writes change only the bytes that change: a one-sector write into a new dynamic block
 *       costs the new footer, the bitmap sector, the data and one 4-byte BAT entry.</li>
 *   <li>qemu-img 7.2 has no consistency check for VHD ("vpc"); the tests use qemu-img
 *       convert/compare and qemu-io as the independent reader instead.</li>
 * </ul>
 */
package dev.trustlift.disk.container;

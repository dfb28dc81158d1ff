/**
 * The conversion rules, stated one by one with values and remedies: MBR2GPT's for Windows, GPT
 * fdisk's plus BIOS boot and ESP room for Linux. Pure: works on a {@code scan.DiskScan}.
 */
package dev.trustlift.disk.validate;

/**
 * Free-space arithmetic for a new GPT: gaps between partitions and 1 MiB-aligned placement of the
 * ESP and the BIOS boot partition, including the smallest growth that makes room. Pure functions.
 */
package dev.trustlift.disk.space;

/**
 * GPT on disk: header, 128-byte entries, the table with its backup header derived from the
 * primary by one pure function, and a reader that checks what {@code sgdisk -v} checks.
 */
package dev.trustlift.disk.partition.gpt;

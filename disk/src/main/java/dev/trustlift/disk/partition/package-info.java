/**
 * The vocabulary shared by both partition schemes: GUIDs in GPT byte order, sector extents, MBR
 * type bytes and the GPT types they map to (MBR2GPT's and gdisk's mappings). Depends on nothing
 * else in the engine; {@code partition.mbr} and {@code partition.gpt} build on it.
 */
package dev.trustlift.disk.partition;

/**
 * Classify before acting: reads a disk's MBR, EBR chain and both GPTs and decides EMPTY, MBR,
 * GPT, HYBRID or INVALID with reasons (gdisk's MBRValidity idea). Never writes. Above
 * {@code partition.*}; below {@code validate} and {@code convert}.
 */
package dev.trustlift.disk.scan;

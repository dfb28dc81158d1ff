/**
 * MBR to GPT: a pure planner (refuses unless every rule passes) and one writer that applies a
 * plan in crash-safe order (ESP, backup GPT, primary GPT, protective MBR last) and verifies it.
 * Direction: convert -> validate -> scan -> partition.*; convert -> fs.fat32 for the ESP.
 */
package dev.trustlift.disk.convert;

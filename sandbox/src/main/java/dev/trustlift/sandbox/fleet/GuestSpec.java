package dev.trustlift.sandbox.fleet;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What simulated in-guest commands see. {@code unmovableTailMb}: space at the end of C: held by
 * files that block shrinking until the volume is defragmented.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GuestSpec(String engine, String bitlocker, Integer freeSpaceMb, Integer unmovableTailMb,
                        Boolean fstabUsesPartuuid) {
}

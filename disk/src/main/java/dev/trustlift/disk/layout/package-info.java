/**
 * Named and explicit disk layouts (the fleet contract's {@code osDisk.layout}) and a writer that
 * puts their partition tables on any device: sample images, sandbox disks and test fixtures.
 */
package dev.trustlift.disk.layout;

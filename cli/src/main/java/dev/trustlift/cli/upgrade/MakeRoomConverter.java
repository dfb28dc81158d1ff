package dev.trustlift.cli.upgrade;

import dev.trustlift.core.upgrade.MakeRoom;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** --make-room none|shrink|defrag, with MakeRoom's own message for anything else. */
final class MakeRoomConverter implements ITypeConverter<MakeRoom> {
    @Override
    public MakeRoom convert(String value) {
        try {
            return MakeRoom.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}

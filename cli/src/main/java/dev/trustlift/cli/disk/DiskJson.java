package dev.trustlift.cli.disk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.trustlift.disk.container.DiskImage;
import dev.trustlift.disk.partition.GptType;
import dev.trustlift.disk.partition.MbrType;
import dev.trustlift.disk.partition.gpt.GptPartitionTable;
import dev.trustlift.disk.partition.mbr.MbrPartition;
import dev.trustlift.disk.scan.DiskClass;
import dev.trustlift.disk.scan.DiskScan;
import dev.trustlift.disk.validate.RuleResult;
import dev.trustlift.disk.validate.ValidationReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The --json shapes of inspect and validate: plain maps, stable key order. */
final class DiskJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DiskJson() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> inspect(Path path, DiskImage image, DiskScan scan) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("image", path.toString());
        m.put("format", image.format().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        m.put("virtualSize", image.size());
        m.put("sectorSize", image.sectorSize());
        m.put("sectors", image.sectorCount());
        m.put("classification", scan.diskClass().name());
        m.put("reasons", scan.reasons());
        List<Map<String, Object>> parts = new ArrayList<>();
        if (scan.diskClass() == DiskClass.MBR) {
            m.put("diskSignature", String.format("0x%08x", scan.mbr().diskSignature()));
            for (MbrPartition p : scan.mbrDisk().partitions()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("number", p.number());
                e.put("kind", p.kind().name().toLowerCase(Locale.ROOT));
                e.put("start", p.extent().first());
                e.put("end", p.extent().last());
                e.put("sectors", p.extent().sectors());
                e.put("type", String.format("%02x", p.type()));
                e.put("typeName", MbrType.name(p.type()));
                e.put("active", p.active());
                parts.add(e);
            }
        } else if (scan.gptTable() != null && scan.diskClass() != DiskClass.INVALID) {
            GptPartitionTable t = scan.gptTable();
            m.put("diskGuid", t.primary().diskGuid().toString());
            m.put("firstUsableLba", t.primary().firstUsableLba());
            m.put("lastUsableLba", t.primary().lastUsableLba());
            for (GptPartitionTable.NumberedEntry n : t.partitions()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("number", n.number());
                e.put("start", n.entry().firstLba());
                e.put("end", n.entry().lastLba());
                e.put("sectors", n.entry().lastLba() - n.entry().firstLba() + 1);
                e.put("typeGuid", n.entry().type().toString());
                e.put("type", GptType.of(n.entry().type()).map(GptType::code).orElse(null));
                e.put("typeName", GptType.of(n.entry().type()).map(GptType::displayName).orElse(null));
                e.put("attributes", String.format("0x%016x", n.entry().attributes()));
                e.put("uniqueGuid", n.entry().unique().toString());
                e.put("name", n.entry().name());
                parts.add(e);
            }
        }
        m.put("partitions", parts);
        return m;
    }

    static Map<String, Object> report(Path path, ValidationReport report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("image", path.toString());
        m.put("os", report.os().label());
        m.put("passed", report.passed());
        List<Map<String, Object>> rules = new ArrayList<>();
        for (RuleResult r : report.rules()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", r.id());
            e.put("description", r.description());
            e.put("status", r.status().name());
            e.put("values", r.values());
            e.put("remedy", r.remedy());
            rules.add(e);
        }
        m.put("rules", rules);
        return m;
    }
}

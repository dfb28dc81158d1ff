package dev.trustlift.core.guest;

import dev.trustlift.core.cloud.ScriptResult;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads winre-resync.ps1: {@code reagentc /info} before and after ("Windows RE status: Enabled",
 * "Boot Configuration Data (BCD) identifier: GUID") and ReAgent.xml's WinreBCD id. WinRE is in
 * sync when it is enabled and ReAgent.xml names the BCD entry reagentc reports.
 *
 * @param resynced reagentc /disable and /enable ran (WinRE was out of sync before)
 */
public record WinReOutput(boolean enabled, String bcdId, String reAgentXmlId, boolean resynced) {
    static final String INFO = "reagentc /info";
    static final String XML_ID = "ReAgent.xml WinreBCD id";
    static final String DISABLE = "reagentc /disable";
    private static final Pattern STATUS = Pattern.compile("Windows RE status:\\s*(\\S+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern BCD = Pattern.compile("\\(BCD\\) identifier:\\s*\\{?([0-9a-fA-F-]{36})\\}?");

    public boolean inSync() {
        return enabled && bcdId != null && bcdId.equals(reAgentXmlId);
    }

    public static WinReOutput parse(ScriptResult result) {
        ScriptSections s = ScriptSections.of(result.stdout());
        if (!s.has(INFO) || !s.has(XML_ID)) {
            throw new IllegalArgumentException("winre-resync did not finish: " + result.stderr().strip());
        }
        String info = s.text(INFO);
        Matcher status = STATUS.matcher(info);
        Matcher bcd = BCD.matcher(info);
        List<String> xml = s.lines(XML_ID);
        return new WinReOutput(status.find() && status.group(1).equalsIgnoreCase("Enabled"),
                bcd.find() ? bcd.group(1).toLowerCase(Locale.ROOT) : null,
                xml.isEmpty() ? null : xml.get(0).replace("{", "").replace("}", "").toLowerCase(Locale.ROOT), s.has(DISABLE));
    }
}

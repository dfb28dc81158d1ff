package dev.trustlift.sandbox.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.sandbox.http.ArmException;
import org.junit.jupiter.api.Test;

class KqlQueryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode row(String group, String tagsJson) throws Exception {
        return (ObjectNode) JSON.readTree("{\"id\":\"/subscriptions/s/resourceGroups/" + group + "/providers/"
                + "Microsoft.Compute/virtualMachines/vm1\",\"name\":\"vm1\",\"type\":\"microsoft.compute/virtualmachines\","
                + "\"location\":\"eastus\",\"resourceGroup\":\"" + group + "\",\"subscriptionId\":\"s\",\"tags\":" + tagsJson
                + ",\"properties\":{\"vmId\":\"x\"}}");
    }

    @Test
    void typeGroupAndTagFiltersCompareAsKqlDoes() throws Exception {
        ObjectNode r = row("rg-app", "{\"Env\":\"Prod\",\"app\":\"web\"}");
        assertTrue(KqlQuery.parse("Resources | where type =~ 'Microsoft.Compute/virtualMachines'").matches(r));
        assertFalse(KqlQuery.parse("Resources | where type == 'Microsoft.Compute/virtualMachines'").matches(r),
                "== is case-sensitive");
        assertTrue(KqlQuery.parse("resources | where resourceGroup =~ 'RG-APP' | where tags['Env'] == 'Prod'").matches(r));
        assertFalse(KqlQuery.parse("Resources | where tags['env'] == 'Prod'").matches(r), "property bag keys are case-sensitive");
        assertFalse(KqlQuery.parse("Resources | where tags['Env'] == 'prod'").matches(r));
        assertTrue(KqlQuery.parse("Resources | where tags[\"Env\"] =~ \"prod\" and tags.app != 'db'").matches(r));
        assertTrue(KqlQuery.parse("Resources | where resourceGroup in~ ('other', 'Rg-App')").matches(r));
        assertFalse(KqlQuery.parse("Resources | where resourceGroup !in~ ('other', 'Rg-App')").matches(r));
        assertFalse(KqlQuery.parse("Resources | where location in ('EastUS')").matches(r), "in is case-sensitive");
        assertFalse(KqlQuery.parse("Resources | where tags['missing'] == ''").matches(r), "an absent tag equals nothing");
    }

    @Test
    void escapedAndVerbatimLiteralsAreReadAsValues() throws Exception {
        ObjectNode r = row("rg", "{\"owner\":\"O'Brien \\\\ ops\",\"note\":\"a\\nb\"}");
        assertTrue(KqlQuery.parse("Resources | where tags['owner'] == 'O\\'Brien \\\\ ops'").matches(r));
        assertTrue(KqlQuery.parse("Resources | where tags['owner'] == @'O''Brien \\ ops'").matches(r));
        assertTrue(KqlQuery.parse("Resources | where tags['note'] == 'a\\nb'").matches(r));
        assertFalse(KqlQuery.parse("Resources | where tags['owner'] == 'x\\' or 1 == 1 or tags[\\'a\\'] == \\''").matches(r),
                "a quote inside a literal does not end it");
    }

    @Test
    void projectKeepsOnlyTheNamedColumns() throws Exception {
        JsonNode p = KqlQuery.parse("Resources | where name == 'vm1' | project name, resourceGroup").project(row("rg", "{}"));
        assertEquals("{\"name\":\"vm1\",\"resourceGroup\":\"rg\"}", p.toString());
    }

    @Test
    void syntaxErrorsAreParserFailuresWithThePosition() {
        JsonNode e = refused("Resources | where type =~ 'microsoft.compute/virtualmachines");
        assertEquals("BadRequest", e.path("code").asText());
        assertTrue(e.path("message").asText().startsWith("Please provide below info when asking for support: timestamp = "));
        assertEquals("InvalidQuery", e.at("/details/0/code").asText());
        assertEquals(KqlQuery.INVALID, e.at("/details/0/message").asText());
        assertEquals("ParserFailure", e.at("/details/1/code").asText());
        assertEquals(26, e.at("/details/1/characterPositionInLine").asInt());
        assertEquals("ParserFailure", refused("Resources | where type =~").at("/details/1/code").asText());
        assertEquals("ParserFailure", refused("Resources where type =~ 'x'").at("/details/1/code").asText());
    }

    @Test
    void kqlBeyondTheSubsetIsRefusedNamingTheToken() {
        for (String[] q : new String[][] {{"Resources | summarize count()", "summarize"}, {"Resources | where name contains 'a'",
                "contains"}, {"Resources | where type =~ 'a' or type =~ 'b'", "or"}, {"ResourceContainers", "ResourceContainers"},
                {"Resources | where properties.vmId == 'x'", "properties"}, {"Resources | where tolower(name) == 'a'", "tolower()"},
                {"Resources | project n = name", "n="}}) {
            JsonNode e = refused(q[0]);
            assertEquals("InvalidQueryLanguage", e.at("/details/1/code").asText(), q[0]);
            assertEquals(q[1], e.at("/details/1/token").asText(), q[0]);
        }
    }

    private static JsonNode refused(String query) {
        ArmException e = assertThrows(ArmException.class, () -> KqlQuery.parse(query), query);
        assertEquals(400, e.status());
        return e.error();
    }
}

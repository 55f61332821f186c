package dev.microjobs.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

class LifecycleDriverTest {

    @Test
    void jobsSplitTheTasksWithTheRemainderLast() {
        LifecycleDriver.Settings settings = LifecycleDriver.Settings.of(45).withTasksPerJob(20);

        assertEquals(3, settings.jobs());
        assertEquals(20, settings.tasksOfJob(0));
        assertEquals(20, settings.tasksOfJob(1));
        assertEquals(5, settings.tasksOfJob(2));
    }

    @Test
    void refusesSettingsThatCannotRun() {
        assertThrows(IllegalArgumentException.class, () -> LifecycleDriver.Settings.of(0));
        assertThrows(IllegalArgumentException.class, () -> LifecycleDriver.Settings.of(10).withWorkers(0));
        assertThrows(IllegalArgumentException.class, () -> LifecycleDriver.Settings.of(10).withTasksPerJob(1001));
    }

    @Test
    void aWorkerEditsTextAndListDrafts() {
        assertEquals(new TextNode("Sales rose. Checked by a person."), LifecycleDriver.edited(new TextNode("Sales rose.")));
        var list = JsonNodeFactory.instance.arrayNode().add("One");
        assertEquals(JsonNodeFactory.instance.arrayNode().add("One").add("Checked by a person."), LifecycleDriver.edited(list));
        assertEquals(1, list.size(), "the draft itself is left alone");
        assertEquals(new TextNode("Checked by a person."), LifecycleDriver.edited(MissingNode.getInstance()));
    }
}

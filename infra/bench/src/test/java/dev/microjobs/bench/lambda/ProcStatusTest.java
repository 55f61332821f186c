package dev.microjobs.bench.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ProcStatusTest {

    @Test
    void readsThePeakResidentSetSize() {
        String status = """
                Name:\tjava
                VmPeak:\t 5123456 kB
                VmHWM:\t  187432 kB
                VmRSS:\t  150000 kB
                """;
        assertEquals(OptionalLong.of(187432), ProcStatus.peakRssKb(status));
    }

    @Test
    void hasNoFigureWithoutVmHwm() {
        assertTrue(ProcStatus.peakRssKb("Name:\tkthreadd\nState:\tS (sleeping)\n").isEmpty());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void readsALiveProcess() {
        assertTrue(ProcStatus.peakRssKb(ProcessHandle.current().pid()).orElseThrow() > 0);
    }
}

package io.syncline.chaos;

import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Starts building the previous release as the test run starts, when the run holds a test that needs it
 * ({@link RollingUpgradeChaosIT}), so that the build overlaps the scenarios before it; removes the build's worktree
 * when the run ends. Registered in META-INF/services; it does nothing in a run without such a test.
 */
public final class PreviousReleaseBuildStarter implements TestExecutionListener {

    private boolean started;

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        if (contains(plan, RollingUpgradeChaosIT.class)) {
            PreviousRelease.startEarly();
            started = true;
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (started) {
            PreviousRelease.closeShared();
        }
    }

    private static boolean contains(TestPlan plan, Class<?> testClass) {
        Deque<TestIdentifier> pending = new ArrayDeque<>(plan.getRoots());
        while (!pending.isEmpty()) {
            TestIdentifier identifier = pending.pop();
            if (identifier.getSource().filter(ClassSource.class::isInstance).map(ClassSource.class::cast)
                    .filter(source -> source.getClassName().equals(testClass.getName())).isPresent()) {
                return true;
            }
            pending.addAll(plan.getChildren(identifier));
        }
        return false;
    }
}

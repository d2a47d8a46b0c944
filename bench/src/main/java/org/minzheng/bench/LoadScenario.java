package org.minzheng.bench;

import java.util.ArrayList;
import java.util.List;

/** What every scenario keeps alike: its name and title, the apps it drives, the points it made, what it was answered. */
abstract class LoadScenario implements Scenario {

    protected final Context context;
    protected final Invariants.Ledger ledger = new Invariants.Ledger();
    protected final List<Long> points = new ArrayList<>();
    private final String name;
    private final String title;

    LoadScenario(String name, String title, Context context) {
        this.name = name;
        this.title = title;
        this.context = context;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public List<Long> points() {
        return points;
    }

    @Override
    public Invariants.Ledger ledger() {
        return ledger;
    }
}

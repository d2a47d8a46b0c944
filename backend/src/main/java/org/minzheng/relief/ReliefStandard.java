package org.minzheng.relief;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The relief figures in force for one year; a limit left null is not checked by the self-assessment. */
@Entity
@Table(name = "relief_standard")
public class ReliefStandard {

    @Id
    public Integer year;
    /** 最低生活保障标准: CNY per person and month. */
    @Column(name = "minimum_living_cny")
    public BigDecimal minimumLivingCny;
    /** 低保边缘: per-capita income below this many standards. */
    @Column(name = "edge_multiplier")
    public BigDecimal edgeMultiplier;
    /** 特困供养: the basic support as a multiple of the standard. */
    @Column(name = "tekun_multiplier")
    public BigDecimal tekunMultiplier;
    /** Deposits per household member at most this many months of the standard. */
    @Column(name = "deposit_limit_months")
    public BigDecimal depositLimitMonths;
    /** Vehicles of the household worth at most this much together. */
    @Column(name = "vehicle_value_limit_cny")
    public BigDecimal vehicleValueLimitCny;
    public String source;
    @Column(name = "updated_at")
    public Instant updatedAt;
}

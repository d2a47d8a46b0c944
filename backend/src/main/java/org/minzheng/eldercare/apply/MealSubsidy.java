package org.minzheng.eldercare.apply;

import jakarta.inject.Singleton;

import org.minzheng.district.Streets;
import org.minzheng.eldercare.service.ElderEligibility;
import org.minzheng.identity.service.People;

/** 助餐 subsidy registration: the street registers an eligible elder. */
@Singleton
public class MealSubsidy extends ElderApplicationType {

    public MealSubsidy(People people, ElderEligibility eligibility, Streets streets) {
        super("ELDER_MEAL_SUBSIDY", "长者助餐补贴", "MEAL", ElderWorkflows.mealSubsidy(), people, eligibility, streets);
    }
}

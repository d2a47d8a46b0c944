package org.minzheng.casework.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;

import org.minzheng.casework.Application;

@ApplicationScoped
public class ApplicationRepository implements PanacheRepository<Application> {
}

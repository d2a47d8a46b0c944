package org.minzheng.testsupport;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Future;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The application's pool in every test, refusing what the real one may refuse under load: once an HTTP request has
 * committed a change (in a transaction, or a statement run outside one), it gets no further connection. In production
 * that connection may not come in time and the resident would be answered 503 {@code SERVICE_BUSY} for a change that
 * was made; a flow must answer from inside its transaction. Here the request fails at once, whatever the load, so every
 * test of the flow sees it; the log names the committed statement.
 */
@Decorator
@Priority(1)
public abstract class StrictPool implements PgPoolCreator {

    private static final String REQUEST = StrictPool.class.getName();
    private static final Pattern CHANGE = Pattern.compile("(?is)^\\s*(with\\b.*?\\b)?(insert|update|delete|merge)\\b.*");
    private static final Set<String> ACQUIRING = Set.of("getConnection", "query", "preparedQuery", "withConnection",
            "withTransaction");

    @Inject
    @Delegate
    PgPoolCreator pool;

    /** What one HTTP request has committed so far. */
    static final class Request {
        volatile String committedChange;
    }

    /** Marks each HTTP request, so its acquisitions can be checked (jobs and the app's startup are not). */
    public static class Requests {
        @ServerRequestFilter(preMatching = true)
        public void mark() {
            if (VertxContext.isOnDuplicatedContext()) {
                ContextLocals.put(REQUEST, new Request());
            }
        }
    }

    @Override
    public Pool create(Input input) {
        Pool real = pool.create(input);
        return proxy(real, (target, method, args) -> {
            Request request = VertxContext.isOnDuplicatedContext() ? ContextLocals.<Request> get(REQUEST).orElse(null) : null;
            if (request != null && ACQUIRING.contains(method.getName()) && request.committedChange != null) {
                String refusal = "this request asked for a database connection after committing '" + request.committedChange
                        + "'; under load it could be refused 503 for a change already made: answer inside the transaction";
                Log.error(refusal);
                throw new IllegalStateException(refusal);
            }
            Object result = invoke(real, method, args);
            if (request != null && method.getName().equals("getConnection") && args == null) {
                return ((Future<?>) result).map(connection -> connection(request, (SqlConnection) connection));
            }
            return result;
        });
    }

    private static SqlConnection connection(Request request, SqlConnection real) {
        Set<String> changes = new LinkedHashSet<>();
        return proxy(real, (target, method, args) -> {
            String name = method.getName();
            if ((name.equals("query") || name.equals("preparedQuery")) && args != null && args[0] instanceof String sql
                    && CHANGE.matcher(sql).matches()) {
                if (real.transaction() == null) {
                    request.committedChange = sql; // no transaction open: it commits as it runs
                } else {
                    changes.add(sql);
                }
            }
            Object result = invoke(real, method, args);
            if (name.equals("begin") && args == null) {
                return ((Future<?>) result).map(tx -> transaction(request, changes, (Transaction) tx));
            }
            if (name.equals("transaction") && result != null) {
                return transaction(request, changes, (Transaction) result);
            }
            return result;
        });
    }

    private static Transaction transaction(Request request, Set<String> changes, Transaction real) {
        return proxy(real, (target, method, args) -> {
            Object result = invoke(real, method, args);
            if (method.getName().equals("commit") && args == null) {
                return ((Future<?>) result).onComplete(done -> {
                    if (done.succeeded() && !changes.isEmpty()) {
                        request.committedChange = changes.iterator().next();
                    }
                    changes.clear();
                });
            }
            if (method.getName().equals("rollback")) {
                changes.clear();
            }
            return result;
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(T real, InvocationHandler handler) {
        Set<Class<?>> types = new LinkedHashSet<>();
        for (Class<?> c = real.getClass(); c != null; c = c.getSuperclass()) {
            for (Class<?> type : c.getInterfaces()) {
                if (java.lang.reflect.Modifier.isPublic(type.getModifiers())) {
                    types.add(type);
                }
            }
        }
        if (real instanceof Pool) {
            types.add(PgPool.class); // Quarkus casts the pool it is given
        }
        return (T) Proxy.newProxyInstance(StrictPool.class.getClassLoader(), types.toArray(Class<?>[]::new), handler);
    }

    private static Object invoke(Object real, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(real, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}

package org.minzheng.worker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;

import org.minzheng.wechat.WeChatAccessToken;
import org.minzheng.wechat.WeChatClient;
import org.minzheng.wechat.WeChatException;

/**
 * Takes one outbox message to its outcome: at most one send per dedup key, one consent unit spent per
 * message, the shared access token, WeChat's errcodes sorted into retry, revoke and refuse. Runs on a
 * worker thread (it blocks).
 */
@ApplicationScoped
public class MessageSender {

    /** The consent is gone: the user refused or the unit was already used. */
    static final int CONSENT_REFUSED = 43101;
    /** WeChat's own rate limits: back off and try again. */
    private static final Set<Integer> THROTTLED = Set.of(45009, 45011);

    /** What the consumer does with the stream entry afterwards. */
    public sealed interface Next {
        /** Settled in the delivery log: ack the entry. */
        record Ack() implements Next {
        }

        /** Not settled: keep the entry pending and look again then (null: another replica has it). */
        record Revisit(Instant at) implements Next {
        }
    }

    private static final Next ACK = new Next.Ack();
    private static final Next LEAVE = new Next.Revisit(null);

    private final Deliveries deliveries;
    private final WeChatAccessToken token;
    private final WeChatClient wechat;
    private final SendRate rate;
    private final DeadLetters deadLetters;
    private final WorkerMetrics metrics;
    private final WorkerConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    public MessageSender(Deliveries deliveries, WeChatAccessToken token, WeChatClient wechat, SendRate rate,
            DeadLetters deadLetters, WorkerMetrics metrics, WorkerConfig config, ObjectMapper json, Clock clock) {
        this.deliveries = deliveries;
        this.token = token;
        this.wechat = wechat;
        this.rate = rate;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    public Next handle(OutboxMessage message) throws InterruptedException {
        Optional<Deliveries.Known> known = await(deliveries.find(message.dedupKey()));
        if (known.isPresent()) {
            Optional<Next> decided = decide(message, known.get());
            if (decided.isPresent()) {
                return decided.get();
            }
        }
        if (message.wechat().isEmpty()) {
            await(deliveries.inboxOnly(message));
            metrics.count("inbox_only", message.templateKey());
            return ACK;
        }
        Map<String, Object> body = read(message.wechat().get());
        rate.acquire();
        Optional<Deliveries.Attempt> attempt = await(deliveries.begin(message, config.lease()));
        if (attempt.isEmpty()) {
            return LEAVE;
        }
        if (attempt.get().openid() == null) {
            metrics.count("no_consent", message.templateKey());
            return ACK;
        }
        return send(message, attempt.get(), body);
    }

    /** What an earlier attempt recorded decides, unless the message is simply due again. */
    private Optional<Next> decide(OutboxMessage message, Deliveries.Known known) {
        Instant now = clock.instant();
        if (known.status().settled()) {
            metrics.count("duplicate", message.templateKey());
            return Optional.of(ACK);
        }
        if (known.status() == DeliveryStatus.SENDING) {
            if (known.leaseUntil().isAfter(now)) {
                return Optional.of(LEAVE);
            }
            if (await(deliveries.abandon(message))) {
                Log.warnf("Delivery %s was abandoned mid-send by a stopped worker; marked UNCONFIRMED, not resent",
                        message.dedupKey());
                metrics.count("unconfirmed", message.templateKey());
                return Optional.of(ACK);
            }
            return Optional.of(LEAVE);
        }
        if (known.nextAttemptAt() != null && known.nextAttemptAt().isAfter(now)) {
            return Optional.of(new Next.Revisit(known.nextAttemptAt()));
        }
        return Optional.empty();
    }

    private Next send(OutboxMessage message, Deliveries.Attempt attempt, Map<String, Object> body) {
        Long msgid;
        try {
            msgid = token.withToken(t -> wechat.subscribeSend(t, attempt.openid(), body)).await().atMost(config.sendWait());
        } catch (WeChatException e) {
            return failed(message, attempt, e);
        } catch (TimeoutException e) {
            return failed(message, attempt, WeChatException.unavailable());
        }
        // outside the try: failing to record a send that happened must not look like a failed send; the
        // entry stays pending, its lease runs out and it becomes UNCONFIRMED, never sent again on its own
        await(deliveries.settle(message, attempt.number(), DeliveryStatus.SENT, null, msgid));
        metrics.count("sent", message.templateKey());
        return ACK;
    }

    private Next failed(OutboxMessage message, Deliveries.Attempt attempt, WeChatException error) {
        int errcode = error.errcode();
        if (errcode == CONSENT_REFUSED) {
            await(deliveries.settle(message, attempt.number(), DeliveryStatus.CONSENT_REVOKED, errcode, null));
            metrics.count("consent_revoked", message.templateKey());
            return ACK;
        }
        // a token still stale after the client's one refresh is WeChat having trouble too
        boolean retryable = error.isTransient() || error.staleAccessToken() || THROTTLED.contains(errcode);
        if (!retryable) {
            // the message itself is wrong (template id, a field value, page, openid): fix the catalogue, then replay
            Log.errorf("WeChat refused a %s message with errcode %d; not retried", message.templateKey(), errcode);
            await(deliveries.settle(message, attempt.number(), DeliveryStatus.REJECTED, errcode, null));
            metrics.count("rejected", message.templateKey());
            return ACK;
        }
        if (attempt.sinceReplay() >= config.maxAttempts()) {
            Log.errorf("A %s message failed %d times (last errcode %d); dead-lettered", message.templateKey(),
                    attempt.sinceReplay(), errcode);
            await(deliveries.settle(message, attempt.number(), DeliveryStatus.FAILED, errcode, null));
            deadLetters.add(message, errcode, attempt.number());
            metrics.count("failed", message.templateKey());
            return ACK;
        }
        Duration wait = Backoff.after(attempt.sinceReplay(), config.backoffBase(), config.backoffMax());
        Instant at = clock.instant().plus(wait);
        await(deliveries.retryLater(message, attempt.number(), errcode, at));
        metrics.count("retried", message.templateKey());
        return new Next.Revisit(at);
    }

    private Map<String, Object> read(String wechatJson) {
        try {
            return json.readValue(wechatJson, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable WeChat message in the stream", e);
        }
    }

    private <T> T await(Uni<T> uni) {
        return uni.await().atMost(config.lease());
    }
}

package dev.ppl.deploy.infra;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Creates and deletes a deployment's per-edge data topics. */
@ApplicationScoped
public class DataTopics {
    private final Admin admin;

    public DataTopics(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        admin = Admin.create(p);
    }

    public void create(Collection<String> topics) {
        if (topics.isEmpty()) {
            return;
        }
        try {
            admin.createTopics(topics.stream().map(t -> new NewTopic(t, 1, (short) 1)).toList()).all().get(30,
                    TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("creating topics " + topics + " failed", e.getCause());
            }
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("creating topics " + topics + " failed", e);
        }
    }

    public void delete(Collection<String> topics) {
        if (topics.isEmpty()) {
            return;
        }
        try {
            admin.deleteTopics(List.copyOf(topics)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw new IllegalStateException("deleting topics " + topics + " failed", e.getCause());
            }
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("deleting topics " + topics + " failed", e);
        }
    }

    public boolean exists(String topic) {
        try {
            return admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every topic whose name starts with the prefix. */
    public List<String> names(String prefix) {
        try {
            return admin.listTopics().names().get(10, TimeUnit.SECONDS).stream().filter(t -> t.startsWith(prefix)).toList();
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("listing topics failed", e);
        }
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(5));
    }
}

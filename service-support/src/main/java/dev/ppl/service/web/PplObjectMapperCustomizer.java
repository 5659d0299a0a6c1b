package dev.ppl.service.web;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.contracts.codec.WellFormedStrings;
import io.quarkus.jackson.ObjectMapperCustomizer;

/** Gives every service's REST layer the same JSON conventions as {@link dev.ppl.contracts.codec.JsonCodec}. */
@Singleton
public class PplObjectMapperCustomizer implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.getFactory().setStreamReadConstraints(JsonCodec.readConstraints());
        mapper.registerModule(WellFormedStrings.module());
    }
}

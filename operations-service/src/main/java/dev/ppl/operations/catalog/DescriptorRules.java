package dev.ppl.operations.catalog;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.ppl.contracts.component.ComponentDescriptor;
import dev.ppl.contracts.component.ComponentDescriptor.ConfigParam;
import dev.ppl.contracts.component.ComponentDescriptor.Endpoint;
import dev.ppl.contracts.component.ComponentDescriptor.FileSlot;
import dev.ppl.contracts.component.ComponentDescriptor.Port;
import dev.ppl.contracts.component.ComponentDescriptor.Service;
import dev.ppl.pipelang.Check;
import dev.ppl.pipelang.Literal;
import dev.ppl.pipelang.Literals;
import dev.ppl.pipelang.PipelangException;
import dev.ppl.pipelang.Type;
import dev.ppl.pipelang.Types;
import dev.ppl.service.web.InvalidInputException;

/**
 * What a {@code component.yml} must satisfy to be published, beyond what its record constructors already check. A
 * refusal is an {@link InvalidInputException} whose field is the path inside the descriptor, such as
 * {@code inputs[0].type} or {@code config_schema.threshold.default}, so the author can find the line to fix.
 */
final class DescriptorRules {
    private DescriptorRules() {
    }

    static void check(ComponentDescriptor d) {
        if (d.version().isBlank()) {
            throw new InvalidInputException("version", "a version string such as 0.1.0", "version: must not be blank");
        }
        ports("inputs", d.inputs());
        ports("outputs", d.outputs());
        for (Map.Entry<String, ConfigParam> e : d.configSchema().entrySet()) {
            configParam(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, FileSlot> e : d.fileSchema().entrySet()) {
            fileSlot(e.getKey(), e.getValue());
        }
        endpoints(d.endpoints());
        services(d.dependsOn());
    }

    private static void ports(String list, List<Port> ports) {
        for (int i = 0; i < ports.size(); i++) {
            String field = list + "[" + i + "].type";
            type(field, ports.get(i).type());
        }
    }

    private static void configParam(String name, ConfigParam param) {
        String at = "config_schema." + name;
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("config_schema", "parameter names that are not blank",
                    "config_schema: a parameter has a blank name");
        }
        Type type = type(at + ".type", param.type());
        if (param.defaultValue() == null) {
            return;
        }
        String field = at + ".default";
        if (param.secret()) {
            throw new InvalidInputException(field, "no default: a secret parameter is bound to a workspace secret",
                    field + ": parameter '" + name + "' is secret, so it may not have a default (a default would put its"
                            + " value in the component.yml)");
        }
        Literal value;
        try {
            value = Literals.parse(param.defaultValue());
        } catch (PipelangException e) {
            throw new InvalidInputException(field, "a pipelang literal of type " + param.type(),
                    field + ": '" + param.defaultValue() + "' is not a pipelang literal: " + e.getMessage());
        }
        try {
            Check.literal(value, type);
        } catch (PipelangException e) {
            throw new InvalidInputException(field, "a " + param.type() + " literal",
                    field + ": '" + param.defaultValue() + "' is not a " + param.type() + " literal: " + e.getMessage());
        }
    }

    private static void fileSlot(String name, FileSlot slot) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("file_schema", "slot names that are not blank",
                    "file_schema: a slot has a blank name");
        }
        String field = "file_schema." + name + ".types";
        if (slot.types().isEmpty()) {
            throw new InvalidInputException(field, "a non-empty list of file types such as onnx or image/png",
                    field + ": slot '" + name + "' accepts no file type");
        }
        for (int i = 0; i < slot.types().size(); i++) {
            String fileType = slot.types().get(i);
            if (fileType == null || fileType.isBlank()) {
                throw new InvalidInputException(field + "[" + i + "]", "a file type such as onnx or image/png",
                        field + "[" + i + "]: a file type must not be blank");
            }
        }
    }

    private static void endpoints(List<Endpoint> endpoints) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < endpoints.size(); i++) {
            String field = "endpoints[" + i + "].name";
            String name = endpoints.get(i).name();
            if (name == null || name.isBlank()) {
                throw new InvalidInputException(field, "an endpoint name", field + ": an endpoint needs a name");
            }
            if (!seen.add(name)) {
                throw new InvalidInputException(field, "a name no other endpoint has",
                        field + ": endpoint '" + name + "' is declared twice");
            }
        }
    }

    private static void services(List<Service> services) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < services.size(); i++) {
            String name = services.get(i).name();
            if (!seen.add(name)) {
                String field = "depends_on[" + i + "].name";
                throw new InvalidInputException(field, "a service no other depends_on entry names",
                        field + ": service '" + name + "' is listed twice");
            }
        }
    }

    private static Type type(String field, String text) {
        try {
            return Types.parse(text);
        } catch (PipelangException e) {
            throw new InvalidInputException(field, "a pipelang type such as String, [BoundingBox] or t",
                    field + ": '" + text + "' is not a pipelang type: " + e.getMessage());
        }
    }
}

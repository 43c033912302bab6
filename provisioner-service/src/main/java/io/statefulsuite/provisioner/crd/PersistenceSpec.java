package io.statefulsuite.provisioner.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

import java.util.List;

/** How each node persists its data set to its volume. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PersistenceSpec {

    @JsonPropertyDescription("Write an append-only file (appendonly yes).")
    @Default("true")
    private Boolean aof;

    @JsonPropertyDescription("When the append-only file is fsynced: always, everysec or no.")
    @Default("everysec")
    @Pattern("^(always|everysec|no)$")
    private String appendfsync;

    @JsonPropertyDescription("RDB snapshot rules, each \"<seconds> <changes>\" (e.g. \"900 1\"). Empty: no snapshots.")
    private List<String> rdbSave;

    public PersistenceSpec() {
    }

    public PersistenceSpec(Boolean aof, String appendfsync, List<String> rdbSave) {
        this.aof = aof;
        this.appendfsync = appendfsync;
        this.rdbSave = rdbSave;
    }

    public Boolean getAof() {
        return aof;
    }

    public void setAof(Boolean aof) {
        this.aof = aof;
    }

    public String getAppendfsync() {
        return appendfsync;
    }

    public void setAppendfsync(String appendfsync) {
        this.appendfsync = appendfsync;
    }

    public List<String> getRdbSave() {
        return rdbSave;
    }

    public void setRdbSave(List<String> rdbSave) {
        this.rdbSave = rdbSave;
    }
}

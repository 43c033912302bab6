package io.statefulsuite.auth;

import io.fabric8.kubernetes.api.model.authentication.UserInfo;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Who a TokenReview says the caller is; passed on unchanged to the SubjectAccessReview. */
public record ReviewedUser(String username, String uid, List<String> groups, Map<String, List<String>> extra) {

    public ReviewedUser {
        groups = List.copyOf(Objects.requireNonNullElse(groups, List.of()));
        extra = Map.copyOf(Objects.requireNonNullElse(extra, Map.of()));
    }

    static ReviewedUser of(UserInfo user) {
        return new ReviewedUser(user.getUsername(), user.getUid(), user.getGroups(), user.getExtra());
    }
}

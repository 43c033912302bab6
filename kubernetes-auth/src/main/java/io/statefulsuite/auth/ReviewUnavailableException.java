package io.statefulsuite.auth;

/** The Kubernetes API could not answer a review: the caller gets a 503, never a guess either way. */
public class ReviewUnavailableException extends RuntimeException {

    ReviewUnavailableException(String review, Exception cause) {
        super(review + " failed: " + cause.getMessage(), cause);
    }
}

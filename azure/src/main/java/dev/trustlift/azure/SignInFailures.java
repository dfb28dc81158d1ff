package dev.trustlift.azure;

import com.azure.core.http.policy.RequestRetryCondition;
import dev.trustlift.core.cloud.CloudException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;

/**
 * Recognises the two sign-in failures people can fix themselves and says how: a refused sign-in
 * (an AADSTS code from Entra ID or AD FS, e.g. AADSTS7000215 for a wrong secret) and a server
 * certificate the JVM does not trust (the sandbox's self-signed one). Anything else is left to
 * {@link ArmErrors}.
 */
final class SignInFailures {
    static final String SIGN_IN_REFUSED = "SignInRefused";
    static final String UNTRUSTED_CERTIFICATE = "UntrustedCertificate";
    static final String TRUST_REMEDY = "the server's certificate is not trusted: pass --ca-cert FILE (the PEM"
            + " written by `trustlift sandbox start --cert-out`) or add it to the JVM trust store"
            + " (-Djavax.net.ssl.trustStore=...)";

    private static final Pattern AADSTS = Pattern.compile("(AADSTS\\d+):\\s*([^\\r\\n]*)");

    private SignInFailures() {
    }

    /**
     * The retry condition for ARM and sign-in pipelines: the SDK's default (408, 429, 5xx but 501
     * and 505, any exception) except for sign-in failures, which no retry can fix (without this a
     * wrong secret is sent 4 times, and an untrusted certificate takes 24 s to be reported).
     */
    static boolean worthRetrying(RequestRetryCondition condition) {
        return condition.getResponse() != null ? worthRetrying(condition.getResponse().getStatusCode())
                : worthRetrying(condition.getThrowable());
    }

    static boolean worthRetrying(int status) {
        return status == 408 || status == 429 || status >= 500 && status != 501 && status != 505;
    }

    static boolean worthRetrying(Throwable failure) {
        return failure instanceof Exception && recognise("", failure) == null;
    }

    /** The sign-in failure {@code error} stands for, or null when it is not one. */
    static CloudException recognise(String what, Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (isUntrusted(t)) {
                return new CloudException(UNTRUSTED_CERTIFICATE, what + ": " + TRUST_REMEDY, 0, null, error);
            }
            Matcher aadsts = t.getMessage() == null ? null : AADSTS.matcher(t.getMessage());
            if (aadsts != null && aadsts.find()) {
                return new CloudException(SIGN_IN_REFUSED, what + ": " + aadsts.group(1) + ": "
                        + firstSentence(aadsts.group(2)) + remedy(aadsts.group(1)), 0, null, error);
            }
        }
        return null;
    }

    private static boolean isUntrusted(Throwable t) {
        if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
            return true;
        }
        if (t instanceof SSLHandshakeException || t instanceof CertificateException) {
            String message = String.valueOf(t.getMessage());
            // PKIX: no path to a trusted anchor; "No subject alternative": the name is not in the certificate.
            return message.contains("PKIX") || message.contains("unable to find valid certification path")
                    || message.contains("No subject alternative");
        }
        return false;
    }

    private static String firstSentence(String description) {
        int end = description.indexOf(". ");
        return end < 0 ? description : description.substring(0, end + 1);
    }

    private static String remedy(String code) {
        return switch (code) {
            case "AADSTS7000215" -> " Check AZURE_CLIENT_SECRET (or the variable named by --client-secret-env).";
            case "AADSTS700016" -> " Check AZURE_CLIENT_ID (or --client-id).";
            case "AADSTS90002" -> " Check AZURE_TENANT_ID (or --tenant).";
            default -> "";
        };
    }
}

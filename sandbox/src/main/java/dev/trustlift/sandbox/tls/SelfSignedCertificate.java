package dev.trustlift.sandbox.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The sandbox's own certificate, made at start-up for the loopback names. It is both the server
 * certificate and a CA (basicConstraints CA:true, keyCertSign), so a client can use the PEM file as
 * its CA bundle or trust store entry and verify the server against it. The key is RSA because the
 * identity endpoint signs its RS256 access tokens with the same key.
 */
public final class SelfSignedCertificate {
    /** Accepts clocks that run a little behind the sandbox's. */
    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final Duration LIFETIME = Duration.ofDays(30);
    private static final int RSA_BITS = 2048;
    private static final String SIGNATURE_ALGORITHM = "SHA256withRSA";

    private final KeyPair keyPair;
    private final X509Certificate certificate;

    private SelfSignedCertificate(KeyPair keyPair, X509Certificate certificate) {
        this.keyPair = keyPair;
        this.certificate = certificate;
    }

    /** A certificate for {@code localhost} and {@code 127.0.0.1}, valid from now for 30 days. */
    public static SelfSignedCertificate forLoopback(Instant now) {
        return generate("trustlift sandbox", List.of("localhost"), List.of("127.0.0.1"), now);
    }

    public static SelfSignedCertificate generate(String commonName, List<String> dnsNames, List<String> ipAddresses,
            Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS);
            KeyPair keyPair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=" + commonName + ",O=trustlift");
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    name, new BigInteger(63, new SecureRandom()).add(BigInteger.ONE),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(LIFETIME)), name, keyPair.getPublic());
            addExtensions(builder, keyPair, dnsNames, ipAddresses);
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(keyPair.getPrivate())));
            certificate.verify(keyPair.getPublic());
            return new SelfSignedCertificate(keyPair, certificate);
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("cannot create the sandbox's TLS certificate: " + e.getMessage(), e);
        }
    }

    private static void addExtensions(X509v3CertificateBuilder builder, KeyPair keyPair, List<String> dnsNames,
            List<String> ipAddresses) throws GeneralSecurityException, CertIOException {
        JcaX509ExtensionUtils ids = new JcaX509ExtensionUtils();
        List<GeneralName> names = new ArrayList<>();
        dnsNames.forEach(dns -> names.add(new GeneralName(GeneralName.dNSName, dns)));
        ipAddresses.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, literalAddress(ip))));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(GeneralName[]::new)))
                // Strict verifiers (OpenSSL's X509_STRICT, used by Python 3.13) want both key ids on a CA.
                .addExtension(Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(keyPair.getPublic()))
                .addExtension(Extension.authorityKeyIdentifier, false,
                        ids.createAuthorityKeyIdentifier(keyPair.getPublic()));
    }

    private static String literalAddress(String ip) {
        // Refuse host names here: InetAddress would resolve them, and a SAN must be a literal.
        if (!ip.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            throw new IllegalArgumentException("not an IP address literal: " + ip);
        }
        try {
            return InetAddress.getByName(ip).getHostAddress();
        } catch (IOException e) {
            throw new IllegalArgumentException("not an IP address literal: " + ip, e);
        }
    }

    public KeyPair keyPair() {
        return keyPair;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The certificate alone (never the key), as a PEM block clients can use as their CA bundle. */
    public String certificatePem() {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    public void writeCertificatePem(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, certificatePem(), StandardCharsets.US_ASCII);
    }
}

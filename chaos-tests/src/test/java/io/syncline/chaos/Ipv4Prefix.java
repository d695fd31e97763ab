package io.syncline.chaos;

/**
 * An IPv4 address with a prefix length ({@code 10.213.0.0/24}; a bare address is a /32), to tell whether a subnet the
 * test network wants is already in use by a route or an address of the host.
 */
record Ipv4Prefix(int address, int length) {

    Ipv4Prefix {
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("prefix length " + length + " is not within 0..32");
        }
        address &= mask(length);
    }

    /** {@code a.b.c.d} or {@code a.b.c.d/n}. */
    static Ipv4Prefix parse(String text) {
        int slash = text.indexOf('/');
        String dotted = slash < 0 ? text : text.substring(0, slash);
        int length = slash < 0 ? 32 : Integer.parseInt(text.substring(slash + 1));
        String[] parts = dotted.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + text);
        }
        int address = 0;
        for (String part : parts) {
            int octet = Integer.parseInt(part);
            if (octet < 0 || octet > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            address = (address << 8) | octet;
        }
        return new Ipv4Prefix(address, length);
    }

    /** True when the text is an address or prefix this record can parse. */
    static boolean looksLikeOne(String text) {
        return text.matches("\\d{1,3}(\\.\\d{1,3}){3}(/\\d{1,2})?");
    }

    /** True when some address lies in both: one prefix contains the other. */
    boolean overlaps(Ipv4Prefix other) {
        int shorter = Math.min(length, other.length);
        return (address & mask(shorter)) == (other.address & mask(shorter));
    }

    /** The address {@code host} within this prefix ({@code 10.213.0.0/24} and 7: {@code 10.213.0.7}). */
    String host(int host) {
        if (host <= 0 || host >= (1L << (32 - length)) - 1) {
            throw new IllegalArgumentException("host " + host + " is not within " + this);
        }
        return dotted(address + host);
    }

    private static int mask(int length) {
        return length == 0 ? 0 : -1 << (32 - length);
    }

    private static String dotted(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 255) + "." + ((address >>> 8) & 255) + "." + (address & 255);
    }

    @Override
    public String toString() {
        return dotted(address) + "/" + length;
    }
}

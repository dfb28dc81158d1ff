package dev.trustlift.core.assess;

/** An extension installed on the VM, as ARM reports it. */
public record VmExtension(String publisher, String type, String name) {

    public boolean is(String publisher, String type) {
        return publisher.equalsIgnoreCase(this.publisher) && type.equalsIgnoreCase(this.type);
    }

    public boolean publishedBy(String publisher) {
        return publisher.equalsIgnoreCase(this.publisher);
    }

    @Override
    public String toString() {
        return publisher + "." + type + (name == null || name.isBlank() ? "" : " (" + name + ")");
    }
}

package dev.microjobs.bench.cost;

import dev.microjobs.local.EndpointFront;
import java.util.ArrayList;
import java.util.List;

/** Puts a {@link MeteringProxy} in front of each service the stack hands to its functions and pollers. */
public final class MeteringFront implements EndpointFront, AutoCloseable {

    private final Meter meter;
    private final DynamoDbCapacity capacity = new DynamoDbCapacity();
    private final List<MeteringProxy> proxies = new ArrayList<>();

    public MeteringFront(Meter meter) {
        this.meter = meter;
    }

    @Override
    public synchronized String endpointFor(String service, String endpoint) {
        MeteringProxy proxy = MeteringProxy.start(service, endpoint, meter, capacity);
        proxies.add(proxy);
        return proxy.endpoint();
    }

    @Override
    public synchronized void close() {
        proxies.forEach(MeteringProxy::close);
        proxies.clear();
    }
}

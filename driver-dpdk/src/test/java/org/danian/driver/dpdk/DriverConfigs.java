package org.danian.driver.dpdk;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A {@link DpdkDriverConfig} as ConfigAdmin would give it: the given values, defaults for the rest. */
final class DriverConfigs {

    private DriverConfigs() {
    }

    static DpdkDriverConfig of(Map<String, Object> values) {
        return (DpdkDriverConfig) Proxy.newProxyInstance(DpdkDriverConfig.class.getClassLoader(),
                new Class<?>[] {DpdkDriverConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return DpdkDriverConfig.class;
                    }
                    Object value = values.get(method.getName());
                    return value != null ? value : method.getDefaultValue();
                });
    }
}

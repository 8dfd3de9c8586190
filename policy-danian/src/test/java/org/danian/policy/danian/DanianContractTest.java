package org.danian.policy.danian;

import org.danian.spi.pick.ThreadPickPolicy;
import org.danian.spi.pick.contract.ThreadPickerContract;

class DanianContractTest extends ThreadPickerContract {

    @Override
    protected ThreadPickPolicy policy() {
        return new DanianPickPolicy();
    }
}

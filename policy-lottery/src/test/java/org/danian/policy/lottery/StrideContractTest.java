package org.danian.policy.lottery;

import org.danian.spi.pick.ThreadPickPolicy;
import org.danian.spi.pick.contract.ThreadPickerContract;

class StrideContractTest extends ThreadPickerContract {

    @Override
    protected ThreadPickPolicy policy() {
        return new StridePickPolicy();
    }
}

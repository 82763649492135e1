package lotus.hyperliquid.common;

/**
 * A name, coin or asset id the catalog does not list: a typo in configuration, a market from the other network, or
 * a listing newer than the catalog (load it again).
 */
public final class UnknownAssetException extends RuntimeException {

    public UnknownAssetException(String message) {
        super(message);
    }
}

package com.ticketwarehouse.extract;

/** Where the next page of one list is, and whether there is one: one instance per list being read. */
public abstract sealed class ListCursor permits PageNumberCursor, StartingAfterCursor {
    private final String path;
    private final String query;
    protected boolean more = true;
    private int pages;

    protected ListCursor(String path, String query) {
        this.path = path;
        this.query = query;
    }

    public String path() {
        return path;
    }

    /** The query string of the next request: the list's own parameters, then the paging ones. */
    public String query() {
        String paging = pagingQuery();
        if (query.isEmpty()) {
            return paging;
        }
        return paging.isEmpty() ? query : query + "&" + paging;
    }

    protected abstract String pagingQuery();

    /** Decodes one answer of this list, failing with {@link ApiException} on an error body. */
    public abstract ApiPage parse(byte[] body);

    public void advance(ApiPage page) {
        pages++;
        more = page.hasMore();
    }

    public boolean more() {
        return more;
    }

    /** Pages read so far; the number of the page just read once {@link #advance} ran. */
    public int pages() {
        return pages;
    }
}

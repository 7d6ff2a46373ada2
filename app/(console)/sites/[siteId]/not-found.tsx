import { notFoundPage } from "@/components/page/not-found";

export default notFoundPage("site");

// Fill the list with the books the API sends.
async function showBooks() {
  const books = await (await fetch("/api/books")).json();
  const items = books.map((book) => {
    const item = document.createElement("li");
    item.textContent = `${book.title}, by ${book.author}`;
    return item;
  });
  document.querySelector("#books").replaceChildren(...items);
}

// Send the form as JSON, not as form data.
async function addBook(event) {
  event.preventDefault();
  const response = await fetch("/api/books", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(Object.fromEntries(new FormData(event.target))),
  });
  const message = document.querySelector("#message");
  if (response.ok) {
    message.textContent = `Added, at ${response.headers.get("Location")}.`;
    event.target.reset();
    await showBooks();
  } else if (response.headers.get("Content-Type") === "application/json") {
    message.textContent = `${response.status}: ${(await response.json()).message}`;
  } else {
    message.textContent = `${response.status}: the server did not say why.`;
  }
}

document.querySelector("#add").addEventListener("submit", addBook);
showBooks();
